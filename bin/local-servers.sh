#!/usr/bin/env bash
# The local PostgreSQL, Redis and NATS JetStream that the distributed mode and its tests run on,
# started and stopped with this machine's own commands.
#   bin/local-servers.sh up                      start every server that does not answer
#   bin/local-servers.sh start|stop|restart NAME  NAME: postgresql, redis or nats
set -euo pipefail

port_of() { case $1 in postgresql) echo 5432 ;; redis) echo 6379 ;; nats) echo 4222 ;; *) echo "unknown server: $1" >&2; exit 2 ;; esac; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() {
  case $1 in
    postgresql) pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start ;;
    redis) redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log ;;
    nats) start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log ;;
  esac
}

stop_server() {
  case $1 in
    postgresql) pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main stop -m fast ;;
    redis) redis-cli -p 6379 shutdown nosave ;;
    nats) start-stop-daemon --stop --oknodo --retry 15 --exec /usr/sbin/nats-server ;;
  esac
}

wait_for() {
  local name=$1 want=$2 port
  port=$(port_of "$name")
  for _ in $(seq 1 60); do
    if answers "$port"; then [ "$want" = up ] && return 0; else [ "$want" = down ] && return 0; fi
    sleep 0.5
  done
  echo "!! $name is not $want on :$port" >&2
  return 1
}

start() {
  if answers "$(port_of "$1")"; then echo "== $1 is up on :$(port_of "$1")"; return; fi
  echo "== starting $1"
  start_server "$1" || true
  wait_for "$1" up && echo "== $1 is up on :$(port_of "$1")"
}

stop() {
  echo "== stopping $1"
  stop_server "$1" || true
  wait_for "$1" down
}

case ${1:-} in
  up) for s in postgresql redis nats; do start "$s"; done ;;
  start) start "$2" ;;
  stop) stop "$2" ;;
  restart) stop "$2"; start "$2" ;;
  *) echo "usage: $0 up | start|stop|restart postgresql|redis|nats" >&2; exit 2 ;;
esac
