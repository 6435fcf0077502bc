# SPDX-License-Identifier: GPL-2.0-or-later
#
# usdt_py.py FILE N: Python functions called a known number of times, for
# tests/trace/usdt-python.test (python3.11's function__entry and
# function__return probes). Each function counts its own calls (with no
# call of a Python function to do so); FILE ("-": stdout) gets
#	calls NAME K	calls of NAME (each entered and returned)
#	line NAME L	the first line of NAME's code (co_firstlineno)
# for each code object of this file that ran: the functions, the class
# body ("Counter") and the module's own code ("<module>", entered before
# the profile function below was set: its entry does not fire, its
# return does), then "file PATH" (co_filename, what arg0 of the probes
# carries).
#
# CPython 3.11 fires function__entry only while a trace or profile
# function is set (ceval.c: DTRACE_FUNCTION_ENTRY() under DO_TRACING, and
# at generator.throw()); function__return always. So the script first
# sets a profile function, a builtin (slice accepts the three arguments
# and does nothing): it runs no Python code of its own.
import sys

sys.setprofile(slice)

calls = {"<module>": 1}


def fib(n):
    calls["fib"] = calls.get("fib", 0) + 1
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def leaf(x):
    calls["leaf"] = calls.get("leaf", 0) + 1
    return x * 2


def middle(x):
    calls["middle"] = calls.get("middle", 0) + 1
    return leaf(x) + leaf(x + 1) + leaf(x + 2)


class Counter:
    calls["Counter"] = 1
    code = sys._getframe().f_code

    def __init__(self):
        calls["__init__"] = calls.get("__init__", 0) + 1
        self.n = 0

    def bump(self, k):
        calls["bump"] = calls.get("bump", 0) + 1
        self.n += k
        return self.n


def main():
    calls["main"] = calls.get("main", 0) + 1
    n = int(sys.argv[2])
    total = 0
    c = Counter()
    for i in range(n):
        total += middle(i)
        c.bump(i)
    total += fib(10)
    return total


main()
codes = {"<module>": sys._getframe().f_code, "fib": fib.__code__,
         "leaf": leaf.__code__, "middle": middle.__code__,
         "main": main.__code__, "__init__": Counter.__init__.__code__,
         "bump": Counter.bump.__code__, "Counter": Counter.code}
out = sys.stdout if sys.argv[1] == "-" else open(sys.argv[1], "w")
for name in sorted(calls):
    out.write("calls %s %d\n" % (name, calls[name]))
for name in sorted(calls):
    out.write("line %s %d\n" % (name, codes[name].co_firstlineno))
out.write("file %s\n" % main.__code__.co_filename)
out.close()
sys.setprofile(None)
