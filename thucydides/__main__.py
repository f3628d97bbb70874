from thucydides.cli import main

main()
