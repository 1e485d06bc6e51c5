from vpclint.entry import main

main()
