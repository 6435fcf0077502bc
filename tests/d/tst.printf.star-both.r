      ab|

