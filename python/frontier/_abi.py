"""The C ABI of libFrontierC (Sources/FrontierC/Exports.swift), loaded with ctypes.

    const char *frontier_version(void);
    int frontier_answer(const char *question, const char *options_json, struct ArrowArrayStream *input,
                        struct ArrowArrayStream *out, char **report_json);
    void frontier_free(char *text);

Answers come back as an Arrow C stream that pyarrow imports without a copy of its buffers
(`RecordBatchReader._import_from_c`); options go in as JSON, keys the command line's flags in snake_case.
"""
import ctypes
import json
import os
import pathlib

# The library: FRONTIER_LIBRARY names one explicitly (tests of a build tree); else the one bundled in the
# package (a wheel); else the repository's release, then debug, build (`pip install -e` of a checkout).
_HERE = pathlib.Path(__file__).resolve().parent


def _candidates():
    if os.environ.get("FRONTIER_LIBRARY"):
        yield pathlib.Path(os.environ["FRONTIER_LIBRARY"])
        return
    yield _HERE / "libFrontierC.so"
    repo = _HERE.parent.parent
    for build in ("release", "debug"):
        yield repo / ".build" / build / "libFrontierC.so"


def _load():
    tried = []
    for path in _candidates():
        tried.append(str(path))
        if path.is_file():
            lib = ctypes.CDLL(str(path))
            lib.frontier_version.restype = ctypes.c_char_p
            lib.frontier_version.argtypes = []
            lib.frontier_answer.restype = ctypes.c_int
            lib.frontier_answer.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
                                            ctypes.POINTER(ctypes.c_void_p)]
            lib.frontier_free.restype = None
            lib.frontier_free.argtypes = [ctypes.c_void_p]
            return lib, path
    raise ImportError("cannot find libFrontierC.so (tried: " + ", ".join(tried) +
                      "); build it with `swift build -c release --product FrontierC` or set FRONTIER_LIBRARY")


_lib, library_path = _load()


class _ArrowArrayStream(ctypes.Structure):
    """Arrow's struct ArrowArrayStream: five pointers, filled by the producer, moved out by pyarrow."""
    _fields_ = [("get_schema", ctypes.c_void_p), ("get_next", ctypes.c_void_p), ("get_last_error", ctypes.c_void_p),
                ("release", ctypes.c_void_p), ("private_data", ctypes.c_void_p)]


def version():
    return _lib.frontier_version().decode("utf-8")


def answer(question, options, table=None):
    """Runs one question; returns (pyarrow.RecordBatchReader or None, report dict, code).

    `table`, a pyarrow.RecordBatchReader of incidents, is handed over through Arrow's C stream (the engine
    reads its buffers in place). ctypes releases the GIL for the length of the call.
    """
    import pyarrow as pa

    source = None
    if table is not None:
        source = _ArrowArrayStream()
        table._export_to_c(ctypes.addressof(source))
    stream = _ArrowArrayStream()
    report = ctypes.c_void_p()
    code = _lib.frontier_answer(question.encode("utf-8"), json.dumps(options).encode("utf-8"),
                                ctypes.addressof(source) if source is not None else None,
                                ctypes.addressof(stream), ctypes.byref(report))
    text = ctypes.string_at(report.value).decode("utf-8") if report.value else "{}"
    if report.value:
        _lib.frontier_free(report.value)
    parsed = json.loads(text)
    if code != 0:
        return None, parsed, code
    reader = pa.RecordBatchReader._import_from_c(ctypes.addressof(stream))
    return reader, parsed, 0
