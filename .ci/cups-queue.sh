#!/usr/bin/env bash
# The print queue the spooler tests print to (test/print/*.test.ts): AMMS-PDF, a CUPS-PDF queue
# that writes every job as a PDF file into /var/spool/amms-cups-pdf, so a test can read back what
# the spooler printed. Starts the CUPS scheduler when it is not running. Needs root and Debian's
# cups and printer-driver-cups-pdf (.ci/run installs them). Safe to run again.
set -euo pipefail

QUEUE="${AMMS_TEST_PRINTER:-AMMS-PDF}"
OUT="${AMMS_CUPS_PDF_DIR:-/var/spool/amms-cups-pdf}"
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd

mkdir -p "$OUT"
chmod 1777 "$OUT"
# cups-pdf reads /etc/cups/cups-pdf-<instance>.conf for a queue whose device is cups-pdf:/<instance>.
# Label 2 names every file "<title>-job_<n>.pdf", so a test waits for its own job's file and never
# finds one of an earlier job with the same title (test/helpers/cups-queue.ts).
printf 'Out %s\nAnonDirName %s\nLabel 2\n' "$OUT" "$OUT" >/etc/cups/cups-pdf-amms.conf

if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
  echo "Starting the CUPS scheduler"
  cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q 'is running' && break
    sleep 0.2
  done
fi
lpstat -r | grep -q 'is running' || { echo "cupsd did not start" >&2; exit 1; }

# lpadmin warns that PPD drivers are deprecated; CUPS-PDF has no driverless equivalent yet.
lpadmin -p "$QUEUE" -E -v cups-pdf:/amms -P "$PPD" 2>/dev/null
cupsenable "$QUEUE"
cupsaccept "$QUEUE"
echo "Print queue $QUEUE ready: jobs come out as PDF files in $OUT"
