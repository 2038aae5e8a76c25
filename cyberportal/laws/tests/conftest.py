"""Fixtures of the laws tests."""


def pytest_terminal_summary(terminalreporter):
    """Print the corpus figures in the CI log, xfailed documents included (issue 13 item 9)."""
    from . import mapping_measure
    from .corpus_measure import ROWS, report_lines

    if ROWS:
        terminalreporter.section("corpus report: today's importer against published statutes")
        for line in report_lines(ROWS):
            terminalreporter.write_line(line)
    if mapping_measure.ROWS:  # issue 13 item 6
        terminalreporter.section("mapping suggestions against mappings made by hand")
        for line in mapping_measure.report_lines(mapping_measure.ROWS):
            terminalreporter.write_line(line)
