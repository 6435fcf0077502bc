Y same
T same
W same

