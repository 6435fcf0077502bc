100
101
102
103
104
105
106
107
108
109
110
111
112
113
n = 3, x = 121

-- @@stderr --
udtrace: 2 speculative drops
