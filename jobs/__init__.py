"""Scheduled and hand-started jobs: annual school reports and four-year evaluation bundles."""
