#!/usr/bin/env bash
# The demo: dial the built-in loopback modem and simulated ISP.
echo "demo: dialing arrives with rasmand (the dialing work is not merged yet)."
echo "demo: the phonebook and error API work today: try build/tools/rasphone/rasphone --help"
exit 1
