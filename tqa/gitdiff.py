"""``--changed-since REF``: the files a branch added or modified, from git.

Compared with the merge base of REF and HEAD (what a pull request
changes), renames followed, plus uncommitted and untracked files, so the
same command works in CI and before a commit.
"""

from __future__ import annotations

import os
import subprocess

# The checked repository may come from a stranger, and git runs programs
# named in a repository's config: the file-system monitor hook and external
# diff or text-conversion drivers. tqa needs none of them; these settings
# win over the repository's config for the commands tqa runs.
_SAFE = [
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.external=",
    "-c",
    "core.pager=cat",
    "--no-pager",
]


class GitError(Exception):
    """git cannot answer; the message is one line and says what to do."""


def _git(args: list[str], cwd: str) -> str:
    try:
        proc = subprocess.run(
            ["git", *_SAFE, *args], cwd=cwd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed")
    return proc.stdout


def changed_files(ref: str, cwd: str = ".") -> set[str]:
    """Absolute, resolved paths of files added, modified or renamed since
    the merge base of ``ref`` and HEAD."""
    if ref.startswith("-"):
        raise GitError(f"--changed-since: {ref!r} is not a revision")
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except GitError:
        raise GitError(f"--changed-since {ref}: {os.path.abspath(cwd)} is not in a git repository") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(
            f"--changed-since: unknown revision {ref!r} (fetch it first, e.g. "
            f"`git fetch origin {ref.split('/', 1)[-1]}`)"
        ) from None
    try:
        base = _git(["merge-base", ref, "HEAD"], top).strip()
    except GitError:
        shallow = _git(["rev-parse", "--is-shallow-repository"], top).strip() == "true"
        hint = (
            "the clone is too shallow: `git fetch --deepen=200` (or fetch-depth: 0 in actions/checkout)"
            if shallow
            else "the branches share no history"
        )
        raise GitError(f"--changed-since {ref}: no common ancestor with HEAD; {hint}") from None
    names = _git(
        ["diff", "--no-ext-diff", "--no-textconv", "--name-only", "-z", "--diff-filter=AMR", "-M", base, "--"], top
    ).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return {os.path.realpath(os.path.join(top, n)) for n in names if n}
