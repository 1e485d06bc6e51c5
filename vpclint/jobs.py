"""``--jobs N``: the per-file work of a run in N worker processes.

The workers are forked from this process (they inherit the targets, the settings and the
loaded rules; nothing is imported or executed anew) and only lint: each gets a share of the
files in order, runs :func:`vpclint.runner.check_file` on them and sends back each file's
findings (and its text when it has some), so the run's findings and their order are the
same as linting serially. Only the command line uses it (documents are not kept). Files a check over
the whole run reads (payloads, for names used twice across files; files checked against
an inventory) are linted in this process: their documents stay here. Where processes cannot be forked, every file is.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from vpclint.runner import FileResult, Target

# The targets of the run being linted, inherited by the forked workers.
_work: tuple[Sequence[Target], dict] | None = None


def check_slice(bounds: tuple[int, int]) -> list[tuple]:
    """Lint a slice of the inherited targets; per file only what the caller keeps of a
    finished file on the command line: its findings, and its text when it has findings."""
    from vpclint.runner import check_file

    assert _work is not None
    targets, inventories = _work
    start, end = bounds
    finished = []
    for target in targets[start:end]:
        result = check_file(target, False, inventories)
        finished.append((result.diagnostics, result.source))
    return finished


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    """Consecutive index ranges over ``count`` files, a few per worker (for balance)."""
    pieces = jobs * 4
    size = max(1, -(-count // pieces))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def check_files_in_workers(
    targets: Sequence[Target], jobs: int, inventories: dict
) -> list[FileResult]:
    """The results of :func:`vpclint.runner.check_file` (documents not kept) for every
    target, in order."""
    global _work
    import multiprocessing

    from vpclint.runner import FileResult, check_file, read_by_run_checks

    def here(target):
        return check_file(target, False, inventories)

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return [here(target) for target in targets]
    local_indexes = [index for index, target in enumerate(targets) if read_by_run_checks(target)]
    elsewhere = [target for target in targets if not read_by_run_checks(target)]
    if len(elsewhere) < 2:
        return [here(target) for target in targets]
    _work = (elsewhere, inventories)
    try:
        with context.Pool(jobs) as pool:
            pending = pool.map_async(check_slice, slices(len(elsewhere), jobs), chunksize=1)
            local = {index: here(targets[index]) for index in local_indexes}
            parts = iter([finished for part in pending.get() for finished in part])
    finally:
        _work = None
    results = []
    for index, target in enumerate(targets):
        if index in local:
            results.append(local[index])
            continue
        result = FileResult(target)
        result.diagnostics, result.source = next(parts)
        result.finished = True
        results.append(result)
    return results
