"""`ftp://user@host:port/path` and `ftps://…` (explicit TLS): shared hosting with Python's ftplib.

The password comes from RUANGAMAN_FTP_PASSWORD. FTPS checks the server's certificate against the
system's authorities, or against the file named by RUANGAMAN_FTPS_CA (for a self-signed one).
Plain FTP sends the password unencrypted: use FTPS or SFTP whenever the host offers them.
"""

from __future__ import annotations

import ftplib
import io
import os
import posixpath
import ssl

from ruangaman.model.destination import Destination
from ruangaman.publish.plan import MAX_MANIFEST, PART, Oversize
from ruangaman.publish.transports.base import ENV_FTP_PASSWORD, ENV_FTPS_CA, PublishError, checked

TIMEOUT = 30
LOST = (OSError, EOFError, ftplib.Error)


class FtpTransport:
    def __init__(self, dest: Destination) -> None:
        self.label = f"{dest.host}:{dest.port or 21}"
        self.root = dest.path or "/"
        password = os.environ.get(ENV_FTP_PASSWORD)
        if not dest.user:
            raise PublishError("publish_no_user", dest=dest.shown)
        if not password:
            raise PublishError("publish_missing_env", variable=ENV_FTP_PASSWORD, host=self.label)
        if dest.scheme == "ftps":
            context = ssl.create_default_context()
            ca = os.environ.get(ENV_FTPS_CA)
            if ca:
                try:
                    context.load_verify_locations(ca)
                except (OSError, ssl.SSLError) as err:
                    raise PublishError("publish_env_file", variable=ENV_FTPS_CA, path=ca) from err
            self.ftp: ftplib.FTP = ftplib.FTP_TLS(context=context, timeout=TIMEOUT)
        else:
            self.ftp = ftplib.FTP(timeout=TIMEOUT)
        try:
            self.ftp.connect(dest.host or "", dest.port or 21)
        except (OSError, EOFError) as err:
            raise PublishError("publish_unreachable", host=self.label, detail=_why(err)) from err
        try:
            self.ftp.login(dest.user, password)
            if isinstance(self.ftp, ftplib.FTP_TLS):
                self.ftp.prot_p()
        except ftplib.error_perm as err:
            raise PublishError(
                "publish_auth_failed", host=self.label, user=dest.user, variable=ENV_FTP_PASSWORD
            ) from err
        except ssl.SSLCertVerificationError as err:
            raise PublishError(
                "publish_tls_untrusted", host=self.label, variable=ENV_FTPS_CA
            ) from err
        except LOST as err:
            raise PublishError("publish_failed", host=self.label, detail=_why(err)) from err
        self._made: set[str] = set()

    def _path(self, path: str) -> str:
        """Under the root only, and never a character that would end the FTP command line."""
        return posixpath.join(self.root, checked(path, self.label))

    def read(self, path: str) -> bytes | None:
        buffer = io.BytesIO()
        target = self._path(path)

        def keep(block: bytes) -> None:  # past the limit the rest is read and dropped
            if buffer.tell() <= MAX_MANIFEST:
                buffer.write(block)

        try:
            try:
                self.ftp.voidcmd("TYPE I")
                size = self.ftp.size(target)
            except (ftplib.error_perm, ftplib.error_reply):
                size = None  # no such file, or a server without SIZE: RETR tells
            if size is not None and size > MAX_MANIFEST:
                return Oversize()  # refused by the reader, never downloaded
            self.ftp.retrbinary(f"RETR {target}", keep)
        except ftplib.error_perm as err:
            if str(err).startswith("550"):
                return None
            raise self._lost(err) from err
        except LOST as err:
            raise self._lost(err) from err
        return buffer.getvalue()

    def _mkdirs(self, folder: str) -> None:
        if not folder or folder in self._made or folder == "/":
            return
        self._mkdirs(posixpath.dirname(folder))
        try:
            self.ftp.mkd(folder)
        except ftplib.error_perm:
            pass  # already there (servers word this differently)
        self._made.add(folder)

    def write(self, path: str, data: bytes) -> None:
        target = self._path(path)
        try:
            self._mkdirs(posixpath.dirname(target))
            self.ftp.storbinary(f"STOR {target}{PART}", io.BytesIO(data))
            try:
                self.ftp.rename(target + PART, target)
            except ftplib.error_perm:  # some servers refuse to rename over a file
                self._delete(target)
                self.ftp.rename(target + PART, target)
        except LOST as err:
            raise self._lost(err) from err

    def _delete(self, target: str) -> None:
        try:
            self.ftp.delete(target)
        except ftplib.error_perm as err:
            if not str(err).startswith("550"):
                raise

    def delete(self, path: str) -> None:
        try:
            self._delete(self._path(path))
        except LOST as err:
            raise self._lost(err) from err

    def remove_empty_folders(self, folders: list[str]) -> None:
        for folder in folders:
            try:
                self.ftp.rmd(self._path(folder))
            except ftplib.error_perm:
                pass

    def finish(self, message: str) -> None:
        pass

    def close(self) -> None:
        try:
            self.ftp.quit()
        except LOST:
            self.ftp.close()

    def _lost(self, err: BaseException) -> PublishError:
        if isinstance(err, ftplib.error_perm):
            return PublishError("publish_denied", host=self.label, detail=_why(err))
        return PublishError("publish_interrupted", host=self.label, detail=_why(err))


def _why(err: BaseException) -> str:
    return str(err) or type(err).__name__
