-2 65534 ffff

