"""Flask-free domain rules and words, shared by the web app, the report engine and the jobs."""
