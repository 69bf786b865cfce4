"""`git+file:///repo.git#gh-pages`, `git+ssh://…#branch`, `git+https://…#branch`: the built site
as the only content of a branch (GitHub Pages), with the `git` command.

The branch is fetched into a temporary working folder, made equal to the site (the plan's
uploads and deletions, plus any file the site does not have), committed and pushed in one step,
so a cut connection leaves the branch as it was. `squash` keeps a single commit (force push).
SSH uses the agent or the key file in RUANGAMAN_SSH_KEY; HTTPS the token in
RUANGAMAN_GIT_PASSWORD, handed to git by a credential helper (never on a command line).

The destination may be hostile, so git runs locked down: only the one protocol DEST names
(GIT_ALLOW_PROTOCOL; never `ext::` or `fd::`), every argument taken from DEST after `--` (and
checked by `destination.parse` never to start with `-`), no hook and no repository template of
ours, no symbolic link checked out from the branch (`core.symlinks=false`), the token offered
to DEST's own host only, and none of the other publishing secrets in git's environment. For a
`git+file` destination the receiving git runs on this machine: it runs with hooks switched off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ruangaman.model.destination import GIT_PROTOCOLS, Destination
from ruangaman.publish.plan import MANIFEST, Manifest, local_files
from ruangaman.publish.transports.base import (
    ENV_GIT_PASSWORD,
    ENV_SSH_KEY,
    ENV_SSH_KNOWN_HOSTS,
    SECRET_VARIABLES,
    PublishError,
    checked,
)
from ruangaman.publish.transports.folder import FolderTransport

AUTHOR = {"GIT_AUTHOR_NAME": "Ruang Aman", "GIT_AUTHOR_EMAIL": "ruangaman@localhost"}
HELPER = (
    '!f() { test "$1" = get && echo username=x-access-token && '
    'echo "password=$' + ENV_GIT_PASSWORD + '"; }; f'
)


class GitTransport(FolderTransport):
    def __init__(self, dest: Destination, squash: bool = False) -> None:
        self.dest = dest
        self.squash = squash
        self.branch = dest.branch or "gh-pages"
        self.url = dest.git_url
        self.workdir = Path(tempfile.mkdtemp(prefix="ruangaman-publish-"))
        super().__init__(self.workdir)
        self.label = dest.shown
        self.protocol = GIT_PROTOCOLS.get(dest.scheme, "file")
        self._git("init", "-q", "--template=", f"--initial-branch={self.branch}")
        fetched = self._git(
            "fetch",
            "-q",
            "--no-tags",
            "--no-recurse-submodules",
            "--depth=1",
            *self._remote_pack("upload"),
            "--",
            self.url,
            f"refs/heads/{self.branch}",
            check=False,
        )
        if fetched.returncode == 0:
            self._git("reset", "-q", "--hard", "FETCH_HEAD")
            self.parent = True
        elif "couldn't find remote ref" in fetched.stderr or "not our ref" in fetched.stderr:
            self.parent = False  # a new branch
        else:
            raise self._error(fetched)

    def _remote_pack(self, which: str) -> list[str]:
        """For git+file the other side's git runs here, in the destination repository: without
        its hooks or commands from its config."""
        if self.protocol != "file":
            return []
        return [
            f"--{which}-pack=git -c core.hooksPath=/dev/null -c core.fsmonitor=false "
            f"-c core.alternateRefsCommand=true {which}-pack"
        ]

    def _env(self) -> dict[str, str]:
        # Only the secret this destination needs: git and whatever it starts never see the
        # FTP or SFTP passwords, nor the git token unless the destination is https.
        drop = set(SECRET_VARIABLES)
        if self.protocol == "https":
            drop.discard(ENV_GIT_PASSWORD)
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in drop and not name.startswith(("GIT_CONFIG", "GIT_DIR", "GIT_WORK"))
        }
        env["GIT_ALLOW_PROTOCOL"] = self.protocol
        env["GIT_PROTOCOL_FROM_USER"] = "0"
        env["GIT_LFS_SKIP_SMUDGE"] = "1"
        env["GIT_CEILING_DIRECTORIES"] = str(self.workdir.parent)
        for name, value in AUTHOR.items():
            env.setdefault(name, value)
            env.setdefault(name.replace("AUTHOR", "COMMITTER"), value)
        env["GIT_TERMINAL_PROMPT"] = "0"
        ssh = ["ssh", "-o", "BatchMode=yes"]
        if os.environ.get(ENV_SSH_KEY):
            ssh += ["-i", os.environ[ENV_SSH_KEY], "-o", "IdentitiesOnly=yes"]
        if os.environ.get(ENV_SSH_KNOWN_HOSTS):
            ssh += ["-o", f"UserKnownHostsFile={os.environ[ENV_SSH_KNOWN_HOSTS]}"]
        env.setdefault("GIT_SSH_COMMAND", " ".join(ssh))
        return env

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        options = [
            "-c",
            "credential.helper=",
            "-c",
            "protocol.allow=never",
            "-c",
            f"protocol.{self.protocol}.allow=always",
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.symlinks=false",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "submodule.recurse=false",
        ]
        if self.protocol == "https" and self.dest.host:
            # The token goes to DEST's host only, never to a host a redirect or a file names.
            port = f":{self.dest.port}" if self.dest.port else ""
            options += ["-c", f"credential.https://{self.dest.host}{port}.helper={HELPER}"]
        try:
            result = subprocess.run(
                ["git", *options, "-C", str(self.workdir), *args],
                capture_output=True,
                text=True,
                env=self._env(),
                timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PublishError("publish_git_failed", host=self.label, detail=str(err)) from err
        if check and result.returncode != 0:
            raise self._error(result)
        return result

    def _error(self, result: subprocess.CompletedProcess) -> PublishError:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        detail = lines[-1] if lines else f"git exit {result.returncode}"
        if "Authentication failed" in detail or "Permission denied" in detail:
            return PublishError(
                "publish_auth_failed",
                host=self.label,
                user=self.dest.user or "",
                variable=f"{ENV_SSH_KEY} / {ENV_GIT_PASSWORD}",
            )
        return PublishError("publish_git_failed", host=self.label, detail=detail)

    def read(self, path: str) -> bytes | None:
        """The branch keeps no manifest: what it holds is read from its own files."""
        if path == MANIFEST:
            return Manifest(files=local_files(self.workdir, skip=".git")).to_bytes()
        return super().read(path)

    def write(self, path: str, data: bytes) -> None:
        if path == MANIFEST:
            return
        # The branch becomes exactly the site: a file of the old branch where the site has a
        # folder (or a link, checked out as a plain file) is removed, never written through.
        parts = checked(path, self.label).split("/")
        for depth in range(1, len(parts)):
            here = self.workdir.joinpath(*parts[:depth])
            if here.is_symlink() or (here.exists() and not here.is_dir()):
                here.unlink()
        super().write(path, data)

    def finish(self, message: str) -> None:
        self._git("add", "-A")
        if self._git("status", "--porcelain").stdout.strip() == "" and self.parent:
            return
        if self.squash:
            self._git("checkout", "-q", "--orphan", "ruangaman-squash")
            self._git("commit", "-q", "--no-verify", "--allow-empty", "-m", message)
            self._push("--force")
        else:
            self._git("commit", "-q", "--no-verify", "--allow-empty", "-m", message)
            self._push()

    def _push(self, *options: str) -> None:
        self._git(
            "push",
            "-q",
            "--no-verify",
            *options,
            *self._remote_pack("receive"),
            "--",
            self.url,
            f"HEAD:refs/heads/{self.branch}",
        )

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
