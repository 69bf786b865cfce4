"""Publish stage: send a built site to a host (git branch, folder, SFTP, FTP/FTPS).

It reads a built folder and imports only the kernel: DEST is read by `model.destination` (which
`check` uses too), `plan` decides what to send (pure), `transports/` holds one module per host
behind the small `Transport` interface of `transports/base` (`transports.open_transport` picks
it), and `run` sends with the progress line and the summary. Validating and building first is
the command's work (`cli.publish_project`).
"""
