# SPDX-License-Identifier: LGPL-2.1-or-later
"""Exceptions raised for libsipc's negative errno results.

Every failure of a libsipc call raises :class:`SipcError`, an
:class:`OSError` whose ``errno`` is the error number and ``strerror``
libsipc's text for it (``sipc_strerror()``).  As the built-in ``OSError``
does, the common numbers get a subclass that also derives from the matching
built-in exception, so ``except TimeoutError`` and ``except SipcError``
both catch a timeout.  ``EINTR`` is never raised: as for system calls
(PEP 475), an interrupted wait runs the signal's handler and goes on.
"""
from __future__ import annotations

import errno as _errno

from ._lib import lib


def strerror(err: int) -> str:
    """libsipc's text for an error number, negative or positive."""
    return lib.sipc_strerror(err).decode("utf-8", "replace")


class SipcError(OSError):
    """A libsipc call failed.

    Attributes: ``errno`` (positive error number), ``strerror`` (libsipc's
    message) and ``function`` (the C function that failed).
    """

    def __init__(self, err: int, function: str = "") -> None:
        err = abs(err)
        super().__init__(err, strerror(err))
        self.function = function

    def __str__(self) -> str:
        where = f"{self.function}: " if self.function else ""
        return f"{where}[Errno {self.errno}] {self.strerror}"


class NoChannelError(SipcError, FileNotFoundError):
    """ENOENT: no channel of that name."""


class ChannelExistsError(SipcError, FileExistsError):
    """EEXIST: the name is taken."""


class SipcPermissionError(SipcError, PermissionError):
    """EACCES: refused (policy, revoked endpoint, registry directory)."""


class SipcTimeoutError(SipcError, TimeoutError):
    """ETIMEDOUT: the timeout passed before the call could complete."""


class WouldBlockError(SipcError, BlockingIOError):
    """EAGAIN: a call with timeout 0 would have had to wait."""


class SenderGoneError(SipcError, BrokenPipeError):
    """EPIPE: the sender left without ending the stream (kernel backend)."""


_CLASSES: dict[int, type[SipcError]] = {
    _errno.ENOENT: NoChannelError,
    _errno.EEXIST: ChannelExistsError,
    _errno.EACCES: SipcPermissionError,
    _errno.ETIMEDOUT: SipcTimeoutError,
    _errno.EAGAIN: WouldBlockError,
    _errno.EPIPE: SenderGoneError,
}


def error(err: int, function: str = "") -> SipcError:
    """The exception for libsipc result ``err`` (negative or positive)."""
    return _CLASSES.get(abs(err), SipcError)(err, function)


def check(result: int, function: str) -> int:
    """Return ``result`` when it is not negative, else raise its error."""
    if result < 0:
        raise error(result, function)
    return result
