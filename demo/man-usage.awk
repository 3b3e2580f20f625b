# demo/man-usage.awk -- a --help as help2man(1) reads it, for the man pages
# (make man, make install).  Our --help says "usage:" in lower case, as
# openssl does; help2man takes the SYNOPSIS only from "Usage:" lines, each
# synopsis on one line, alternatives as "   or: PROG ...".  So:
#   "usage: PROG ARGS"               -> "Usage: PROG ARGS"
#   a line indented 6 or more after it, starting with PROG's first word
#                                    -> "   or: PROG ..." (another form)
#   any other line indented 6 or more -> joined to the synopsis line
# The block ends at the first line indented less (a blank line, options).
# Everything else passes unchanged.
function flush() { if (syn != "") print syn; syn = "" }
usage && /^      +[^ ]/ {
    line = $0
    sub(/^ +/, "", line)
    split(line, w, " ")
    if (w[1] == prog) { flush(); syn = "   or: " line }
    else syn = syn " " line
    next
}
{ usage = 0; flush() }
/^usage: / {
    usage = 1
    syn = "Usage: " substr($0, 8)
    split(substr($0, 8), w, " ")
    prog = w[1]
    next
}
{ print }
END { flush() }
