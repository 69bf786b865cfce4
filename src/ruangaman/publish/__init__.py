"""Publish stage: send a built site to a host (git branch, folder, SFTP, FTP/FTPS).

`destination` reads the DEST URL, `plan` decides what to send (pure), one module per transport
moves the bytes behind the small `Transport` interface of `transport`, and `run` ties them
together with the progress line and the summary.
"""
