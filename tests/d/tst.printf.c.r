aBCD

