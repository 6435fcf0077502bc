BEGIN { x = 1; y = x + 2 * 3; trace(y); @a[x, "k"] = count(); }
END { printa(@a); }
