"""A small built-in synonym table for synthetic spinning (no downloads)."""

from __future__ import annotations

_GROUPS = """
say state declare | said stated declared | says states declares | big large huge
small little minor | important significant key | new fresh novel | clear plain evident
strong powerful robust | quick rapid fast | steady stable constant
buildup development accumulation | increase rise growth | decrease drop decline
country nation state | government administration authorities | official representative
meeting session talks | discussion conversation dialogue | agreement deal accord
attack assault strike | threat danger menace | concern worry fear | support backing help
military armed defence | troops soldiers forces | weapons arms armaments
border frontier boundary | president leader head | minister secretary chief
people citizens public | world globe planet | economic financial fiscal
sanctions penalties measures | price cost charge | market exchange trade | week period stretch
today currently now | recently lately newly | early initial first | continue proceed carry
continued proceeded persisted | begin start commence | began started commenced
make create produce | made created produced | take grab seize | took grabbed seized
give provide offer | gave provided offered | help assist aid | helped assisted aided
think believe consider | thought believed considered | know understand realize
knew understood realized | want wish desire | need require demand | work labor effort
working laboring toiling | call phone ring | called phoned rang | question query issue
answer reply response | situation circumstance condition | position stance posture
decision choice determination | discuss debate examine | discussed debated examined
prepare ready arrange | prepared readied arranged | ensure guarantee secure
ensured guaranteed secured | remain stay persist | remains stays persists
allies partners friends | partner ally associate | region area zone
regional local territorial | security safety protection | intelligence information data
report account statement | reports accounts statements | invasion incursion offensive
invade attack assault | war conflict fighting | peace calm harmony | united joined combined
response reaction answer | action step move | actions steps moves | possible feasible potential
likely probable expected | serious grave severe | difficult hard tough
together jointly collectively | again once more anew | also additionally too
however nevertheless yet | important crucial vital | different distinct various
whole entire complete | several various numerous | announce proclaim declare
announced proclaimed revealed | approve endorse sanction | approved endorsed authorized
send dispatch transmit | sent dispatched shipped | deploy station position
deployed stationed positioned | warn caution alert | warned cautioned alerted
describe portray depict | described portrayed depicted | ability capacity capability
effort attempt endeavor | goal aim objective | plan scheme strategy | number amount quantity
part portion piece | level degree extent | step measure stage
""".strip()


def _table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for group in _GROUPS.replace("\n", "|").split("|"):
        words = group.split()
        for w in words:
            table.setdefault(w, [x for x in words if x != w])
    return table


SYNONYMS: dict[str, list[str]] = _table()
ALL_REPLACEMENTS: list[str] = sorted({w for ws in SYNONYMS.values() for w in ws})
