import sys

print("argv", sys.argv[1:])
data = sys.stdin.read()
print("stdin", data.strip())
if "--crash" in sys.argv:
    raise KeyError("crashed on purpose")
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 0)
