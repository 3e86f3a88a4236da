#!/bin/sh
# Turns a Debian 12 device into an Acorn kiosk: a dedicated user, cage, the systemd unit, kiosk mode on in the
# device settings. Run as root after installing acorn to /usr/bin. Idempotent.
set -eu

KIOSK_USER=acorn-kiosk
HERE=$(cd "$(dirname "$0")" && pwd)

apt-get install -y --no-install-recommends cage qt6-wayland >/dev/null

if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    # No password and no shell: nobody signs in as this user; only the unit runs it.
    useradd --create-home --shell /usr/sbin/nologin --comment "Acorn kiosk" "$KIOSK_USER"
fi
# Cameras, sound and the GPU.
for group in video audio render input; do
    getent group "$group" >/dev/null && usermod -aG "$group" "$KIOSK_USER"
done

install -m 0644 "$HERE/acorn-kiosk.service" /etc/systemd/system/acorn-kiosk.service
install -m 0644 "$HERE/acorn-kiosk.desktop" /usr/share/xsessions/acorn-kiosk.desktop 2>/dev/null || true
systemctl daemon-reload
systemctl set-default graphical.target
systemctl enable acorn-kiosk.service

echo "Done. Copy the nursery's data to ~$KIOSK_USER/.local/share/Acorn (or set it up on first start), then a"
echo "manager turns kiosk mode on for good with:"
echo "  sudo -u $KIOSK_USER acorn-cli device set --user MANAGER --kiosk on"
echo "and reboots."
