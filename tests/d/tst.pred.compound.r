in range

