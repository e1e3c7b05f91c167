"""The four deliberations: rules applied to meetings (quorum and majority, exactly), each
step's standing in the procedure (the timeline), and `fourtwo review`, which records a
meeting or refuses it."""
