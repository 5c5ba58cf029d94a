#!/bin/sh
# Demo source code, copied to repo_src/ of services with copy_src: true.
echo "hello from repo_src"
