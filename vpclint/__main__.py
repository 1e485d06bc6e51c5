from vpclint.cli import main

main()
