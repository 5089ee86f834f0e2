-- A plain GET (the path comes from the command line): the HTTP ceiling, or the JWKS.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
