"""Vehicle fleet operations: a telematics bridge, dispatch rules and the maintenance planner."""
