"""The household canvass (入户征求意见): coverage against the register, the window in which
visits count, recording and importing visits, the door-to-door form, the coverage report."""
