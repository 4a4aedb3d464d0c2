"""School admission simulator: what a balanced-schooling measure would do to next year's intake.

A pure package (numpy arrays in and out, no Flask, no graph).  One
territory and entry year at a time:

- ``problem``: the applicants (ranked choices, flags, home zone, optional
  points and sibling flags) and the schools (places, areas served);
- ``points``: priority points (the Catalan scheme) and the lottery;
- ``mechanisms``: Boston and deferred acceptance, reserved places and
  their release;
- ``measures``: a scenario's mechanism and measures;
- ``simulate`` and ``results``: many seeded draws, aggregated;
- ``calibration``: a simulated baseline against recorded enrolments;
- ``bench``: synthetic data and the ``imant bench simulate`` command.
"""
