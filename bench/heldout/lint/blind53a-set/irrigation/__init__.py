"""A farm's irrigation controller: valves and pumps driven from the API's coroutines and the field-bus threads."""
