"""Data quality of the store: completeness, codes, quarantine, date coverage, loads."""

from vawg.quality._report import QualityReport, quality_report

__all__ = ["QualityReport", "quality_report"]
