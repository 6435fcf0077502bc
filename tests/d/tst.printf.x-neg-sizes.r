ff ffff ffffffff ffffffffffffffff

