"""The report engine: annual school reports and evaluation bundles, without Flask.

It takes plain values (a tenant slug, a year, a graph client, an output folder)
and returns artifacts: `snapshot` reads a tenant's network once, `data` turns it
into a report's numbers, `render`, `charts` and `pdf` draw them, `bundle*` build
the evaluation package, `files` writes atomically and `annual` is the worker
entry point that renders reports in a process pool. Nothing here imports Flask
or `app.*`; `jobs/` drives the engine and records runs and artifacts.
"""

from reportlab import rl_config

# Validating every attribute of every ReportLab shape costs more than drawing the charts;
# charts.py builds them from numbers alone. Set here, before reportlab.graphics is first
# imported (it reads the flag at import time).
rl_config.shapeChecking = 0
