#!/usr/bin/env bash
# Real sound output for CI: a user-mode PulseAudio with a null sink, reachable by Java Sound through ALSA's pulse
# plugin, and by parec through the sink's monitor source.
#
#   .ci/pulse-null-sink.sh start [ENV_FILE]   install if missing, start, write the environment to ENV_FILE
#                                             (default: .ci/pulse.env); then: . ENV_FILE
#   .ci/pulse-null-sink.sh stop  [ENV_FILE]   stop the server started by 'start' and remove its directory
#
# The environment file exports PULSE_SERVER (the server's native socket), PULSE_RUNTIME_PATH, PULSE_CLIENTCONFIG
# (clients without shared memory), AZALIA_PULSE_SINK
# (the sink's name; its monitor source is "$AZALIA_PULSE_SINK.monitor") and AZALIA_PULSE_DIR, AZALIA_PULSE_PID.
set -euo pipefail

SINK_NAME=azalia_null
RATE=44100
ACTION="${1:-}"
ENV_FILE="${2:-$(cd "$(dirname "$0")" && pwd)/pulse.env}"

log()
{
    echo "pulse-null-sink: $*" >&2
}

install_packages()
{
    if command -v pulseaudio >/dev/null 2>&1 && command -v parec >/dev/null 2>&1 \
        && ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1
    then
        return 0
    fi
    log "installing pulseaudio, pulseaudio-utils, libasound2-plugins"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]
    then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
        pulseaudio pulseaudio-utils libasound2-plugins
}

start()
{
    install_packages
    local dir
    dir="$(mktemp -d /tmp/azalia-pulse.XXXXXX)"
    mkdir -p "$dir/home" "$dir/xdg" "$dir/config"
    chmod 700 "$dir/xdg"
    export HOME="$dir/home" XDG_RUNTIME_DIR="$dir/xdg" XDG_CONFIG_HOME="$dir/config"
    export PULSE_RUNTIME_PATH="$dir/xdg/pulse" PULSE_STATE_PATH="$dir/state"
    unset PULSE_SERVER
    local socket="$PULSE_RUNTIME_PATH/native"
    # -n: no default.pa (no hardware modules, no stream-restore: streams start at 100 % volume);
    # --system=false: user mode even as root (pulseaudio only warns then); no D-Bus, no realtime scheduling.
    # --disable-shm=true, and clients told the same: audio goes over the socket. With shared memory (memfd)
    # pulseaudio 16 loses block references between clients ("Cannot send block reference with non-registered
    # memfd ID", upstream issue 824) and then aborts on an assertion in memblock.c, mid-run.
    mkdir -p "$dir/config/pulse"
    printf 'enable-shm = no\nenable-memfd = no\nautospawn = no\n' > "$dir/config/pulse/client.conf"
    export PULSE_CLIENTCONFIG="$dir/config/pulse/client.conf"
    pulseaudio -n --daemonize=no --system=false --exit-idle-time=-1 --disallow-exit \
        --use-pid-file=false --disable-shm=true --realtime=false --high-priority=false \
        --log-target=file:"$dir/pulseaudio.log" --log-level=notice \
        -L "module-null-sink sink_name=$SINK_NAME rate=$RATE format=s16le channels=2" \
        -L "module-native-protocol-unix auth-anonymous=1 socket=$socket" \
        </dev/null >/dev/null 2>&1 &
    local pid=$!
    local i
    for i in $(seq 1 100)
    do
        if PULSE_SERVER="unix:$socket" pactl info >/dev/null 2>&1
        then
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null
        then
            log "pulseaudio exited; its log:"
            cat "$dir/pulseaudio.log" >&2 || true
            exit 1
        fi
        sleep 0.1
    done
    if ! PULSE_SERVER="unix:$socket" pactl info >/dev/null 2>&1
    then
        log "pulseaudio did not answer within 10 s"
        kill "$pid" 2>/dev/null || true
        exit 1
    fi
    PULSE_SERVER="unix:$socket" pactl set-default-sink "$SINK_NAME"
    PULSE_SERVER="unix:$socket" pactl set-sink-volume "$SINK_NAME" 100%
    PULSE_SERVER="unix:$socket" pactl set-sink-mute "$SINK_NAME" 0
    cat > "$ENV_FILE" <<ENVEOF
export PULSE_SERVER=unix:$socket
export PULSE_RUNTIME_PATH=$PULSE_RUNTIME_PATH
export PULSE_CLIENTCONFIG=$PULSE_CLIENTCONFIG
export AZALIA_PULSE_SINK=$SINK_NAME
export AZALIA_PULSE_DIR=$dir
export AZALIA_PULSE_PID=$pid
ENVEOF
    log "pulseaudio $pid up, sink $SINK_NAME, PULSE_SERVER=unix:$socket; environment in $ENV_FILE"
}

stop()
{
    if [ ! -f "$ENV_FILE" ]
    then
        log "no $ENV_FILE: nothing to stop"
        return 0
    fi
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    if [ -n "${AZALIA_PULSE_PID:-}" ] && kill -0 "$AZALIA_PULSE_PID" 2>/dev/null
    then
        kill "$AZALIA_PULSE_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 50)
        do
            kill -0 "$AZALIA_PULSE_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$AZALIA_PULSE_PID" 2>/dev/null || true
    fi
    case "${AZALIA_PULSE_DIR:-}" in
        /tmp/azalia-pulse.*) rm -rf "$AZALIA_PULSE_DIR" ;;
    esac
    rm -f "$ENV_FILE"
    log "stopped"
}

case "$ACTION" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop [ENV_FILE]" >&2; exit 2 ;;
esac
