cwd /
root /
execargs 1

