"""What is printed and signed on paper: document contents and their codes, order text, printed
signatures, the downtime pack, paper records, audit anchors."""
