"""Exports: the extraction JSON contract, and the JSON and Markdown summaries of a run."""

from counterpoint.report.summary import (
    extraction_to_dict,
    markdown_summary,
    write_summaries,
)

__all__ = ["extraction_to_dict", "markdown_summary", "write_summaries"]
