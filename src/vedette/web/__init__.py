"""The desk's pages: Jinja2 templates and the static assets shipped inside the package."""
