"""hooksock.Error: a hooksock error code as a Python exception."""
from ._native import lib


class Error(Exception):
    """A hooksock call failed.

    code     the negative hooksock error code (int)
    name     its symbolic name, e.g. "HK_ERR_WH_NO_MATCH"
    message  hk_strerror's description
    fatal    True for fatal codes (<= -100): the object that returned it is
             dead and will keep returning it
    """

    def __init__(self, code, context=None):
        self.code = int(code)
        self.name = lib.hk_error_name(self.code).decode()
        self.message = lib.hk_strerror(self.code).decode()
        self.fatal = bool(lib.hk_is_fatal(self.code))
        self.context = context
        text = "%s: %s" % (self.name, self.message)
        if context:
            text = "%s: %s" % (context, text)
        super().__init__(text)


def check(rc, context=None):
    """Return rc if it is >= 0, else raise Error(rc)."""
    if rc < 0:
        raise Error(rc, context)
    return rc
