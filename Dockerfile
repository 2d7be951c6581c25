# Mercato: one image for every service, the service chosen by argument.
#
#   docker build -t mercato .                     # the services (the default, last stage)
#   docker build -t mercato-web --target web .    # the static web app (nginx)
#
#   docker run mercato serve orders               # one service (distributed mode; see deploy/README.md)
#   docker run mercato serve gateway              # the default command
#   docker run -p 8080:8080 -v mercato:/data mercato start   # the whole shop in one process (embedded mode)
#
# The builder compiles every package, service and bin to dist/ (`npm run build`: the web app, then tsc -b);
# the runtime image runs plain node on that JavaScript, with production dependencies only. Needs BuildKit
# (Docker 23+).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-alpine

# ---------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---------------------------------------------------------------------------------------------------------
# Only the lockfile and the package.json of the root and of every workspace, so that the `npm ci` layers
# below are rebuilt when dependencies change, not on every source edit (whatever the workspace layout).
FROM base AS manifests
COPY . /src
RUN cd /src \
 && find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -type d -empty -delete

# ---------------------------------------------------------------------------------------------------------
# Production dependencies only.
FROM base AS deps
COPY --from=manifests /src/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---------------------------------------------------------------------------------------------------------
# Every dependency, dev ones included, to build the web app (Vue + Vite) into apps/web/dist and compile
# the TypeScript (tsc -b, project references) into each workspace's dist/ and bin/dist.
FROM base AS builder
COPY --from=manifests /src/ ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------------------------
# The static web app: nginx serving apps/web/dist with an SPA fallback, /api proxied to the gateway
# (MERCATO_GATEWAY_URL, substituted into deploy/web/nginx.conf by the nginx image's entrypoint at start).
# Runs as the image's unprivileged `nginx` user (uid 101) on port 8080.
FROM ${NGINX_IMAGE} AS web
RUN sed -i -e '/^user /d' -e 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf \
 && rm -f /etc/nginx/conf.d/default.conf \
 && chown -R 101:101 /var/cache/nginx /etc/nginx/conf.d
COPY deploy/web/nginx.conf /etc/nginx/templates/default.conf.template
COPY --from=builder /app/apps/web/dist/ /usr/share/nginx/html/
ENV MERCATO_GATEWAY_URL=http://gateway:8080
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1

# ---------------------------------------------------------------------------------------------------------
# The services. Files belong to root and are read-only for the process, which runs as uid 1000 (`node`),
# numeric so that Kubernetes' runAsNonRoot can verify it.
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    MERCATO_DATA_DIR=/data
COPY --from=deps /app/ ./
COPY package.json package-lock.json ./
# Each workspace with its compiled dist/ (its package.json exports point plain node there) and the files
# read at run time beside it (migrations/); the sources come along, unused, for readable stack traces' sake.
COPY --from=builder /app/bin/dist/ ./bin/dist/
COPY --from=builder /app/packages/ ./packages/
COPY --from=builder /app/services/ ./services/
COPY --from=builder /app/apps/web/dist/ ./apps/web/dist/
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/dist/mercato.js"]
CMD ["serve", "gateway"]
