3 dtrace:ERROR

