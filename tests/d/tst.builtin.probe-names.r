[dtrace] [] [] [BEGIN]

