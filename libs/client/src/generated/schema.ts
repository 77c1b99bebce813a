// Generated from docs/openapi.json by `npm run openapi` (tools/openapi/export.mjs) with openapi-typescript. Do not edit.

export interface paths {
    "/api/analyzers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The analyzers, plus "comprehensive" */
        get: operations["listAnalyzers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analyzers/comprehensive/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run several analyzers on one image: one comprehensive_analyze parent job, one analyze child per analyzer */
        post: operations["analyzeComprehensive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analyzers/{name}/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Analyse one image with one analyzer (waits for the result unless async_mode=true) */
        post: operations["analyzeImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API keys (an admin sees every key), never the keys themselves */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key; the key itself is in this answer only */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key: it answers 401 from now on */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who did what, newest first (admin) */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the issuer sends the browser back: opens a session and redirects to return_to */
        get: operations["finishSsoLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start a sign-in with SSO: redirects to the OpenID Connect issuer */
        get: operations["startSsoLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first admin still has to be created, and whether SSO is offered */
        get: operations["getSetupStatus"];
        put?: never;
        /** Create the first admin with the one-time token the server logged; signs it in */
        post: operations["createFirstAdmin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Analyse many images as one batch job: one child job per image; every file is checked before anything is created */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: 200 when the store (and Redis, where configured) answer, 503 otherwise or while shutting down */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The original bytes of an uploaded or generated image */
        get: operations["getImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/{image_id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A 256 px WebP thumbnail (made on demand until its generate_thumbnail job stored it) */
        get: operations["getImageThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs, newest first, with filters and cursor paging */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel, retry or delete every job named, or every job matching a filter (not one page) */
        post: operations["bulkJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live job events (Server-Sent Events)
         * @description First a `snapshot` event `{ jobs }` (unfinished jobs and those finished in the last 10 minutes, newest first), then `job.created`, `job.updated`, `job.completed`, `job.failed`, `job.cancelled` (data: Job) and `job.deleted` (data: `{ job_id }`). The snapshot is kept small: at most the newest `SSE_SNAPSHOT_FINISHED` (default 100) finished jobs and 500 unfinished ones, with the parents and children of those. When it leaves jobs out it adds `truncated: true`, `finished_since` (start of the window, ISO-8601), `unfinished_cursor` and `finished_cursor` (each a string or null): `GET /api/jobs?status=queued,running&cursor={unfinished_cursor}` pages the unfinished jobs left out, and `GET /api/jobs?status=completed,failed,cancelled&cursor={finished_cursor}` the finished jobs after those sent, of which those with `finished_at` ≥ `finished_since` were left out. Every event has an increasing `id`; reconnect with `Last-Event-ID` to receive every later event and no snapshot (a fresh snapshot when the id is too old). A `: ping` comment is sent at least every 15 s.
         *
         *     Besides job events: `queue.paused` and `queue.resumed` (data: `{ type, paused, changed_at, changed_by }`, to every stream without a `job_id` filter) and `panel.dismissed` (data: `{ user_id, job_ids }`, to the streams of the user who dismissed). Clients should ignore event names they do not know. @atelier/client's `followJob` and `followStream` read this stream.
         */
        get: operations["streamJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job */
        get: operations["getJob"];
        put?: never;
        post?: never;
        /** Delete an ended job (a parent deletes its children) */
        delete: operations["deleteJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running job (a parent cancels its unfinished children) */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The job's durable timeline: created, each attempt with its worker, steps, errors, retries and who asked, its end */
        get: operations["getJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a failed or cancelled job again (a parent re-runs only its failed or cancelled children) */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List presets, newest first, optionally of one category, with cursor paging */
        get: operations["listPresets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/presets/{preset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One preset */
        get: operations["getPreset"];
        put?: never;
        post?: never;
        /** Delete a preset */
        delete: operations["deletePreset"];
        options?: never;
        head?: never;
        /** Rename a preset */
        patch: operations["renamePreset"];
        trace?: never;
    };
    "/api/presets/{preset_id}/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render an image from a preset (a generate_image job; the result names the new image_id) */
        post: operations["generateImageFromPreset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each job type's queue: paused or not, queued and running jobs (a member: its own), per-process concurrency */
        get: operations["listQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{type}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a queue on every node: its jobs stay queued (running ones finish); durable across restarts. A paused queue is answered as it is */
        post: operations["pauseQueue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queues/{type}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a queue: its queued jobs are handed to the workers again */
        post: operations["resumeQueue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs by status and by type and status, and the oldest queued job */
        get: operations["getStatsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs created, completed, failed and cancelled per bucket, with wait and run time percentiles, from the durable records */
        get: operations["getStatsTimeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/task-panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The task manager's content: unfinished jobs, failed ones not dismissed, and those that ended in the last two minutes and were not dismissed */
        get: operations["getTaskPanel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/task-panel/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hides jobs from the task manager in every tab of the signed-in user (stored per user; the user's streams get panel.dismissed) */
        post: operations["dismissTaskPanelJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user (admin) */
        get: operations["listUsers"];
        put?: never;
        /** Create a user (admin) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user (admin) */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /** Delete a user; its sessions and API keys stop at once (admin) */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /** Change a user's role, name, password, or disable it; its sessions end at once (admin) */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your webhooks, newest first (an admin sees every one); never their secrets */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to job events; the signing secret is in this answer only */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/callback-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The secret that signs your callback_url deliveries (made on first use) */
        get: operations["getCallbackSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/callback-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace your callback signing secret; deliveries from now on are signed with the new one */
        post: operations["rotateCallbackSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log; its pending deliveries stop */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change the URL, events, description or enabled state */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: status, attempts, last response code and latency, next attempt */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again: a new attempt series with the same webhook-id */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{webhook_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; the new one is in this answer only, and signs every attempt from now on */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every live process that runs jobs, with the jobs it runs now; one silent for 3 heartbeats drops out (operator) */
        get: operations["listWorkers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AnalyzeSyncResponseDto: {
            /** @example hair-color */
            analyzer: string;
            job_id: string;
            preset: components["schemas"]["PresetDto"];
            /** @description The analyzer's structured output */
            result: {
                [key: string]: unknown;
            };
        };
        AnalyzerInfoDto: {
            /** @example hair */
            category: string;
            description: string;
            /** @example hair-color */
            name: string;
            /** @example Hair color */
            title: string;
        };
        AnalyzerListDto: {
            analyzers: components["schemas"]["AnalyzerInfoDto"][];
            limits: components["schemas"]["UploadLimitsDto"];
        };
        ApiKeyDto: {
            api_key_id: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            last_used_at: string | null;
            /** @example CI pipeline */
            name: string;
            /**
             * @description The first characters of the key, to recognise it in a list
             * @example atelier_3kq9
             */
            prefix: string;
            /** @enum {string} */
            role: "member" | "operator" | "admin";
            /** @description The user it acts as */
            user_id: string;
        };
        ApiKeyListDto: {
            api_keys: components["schemas"]["ApiKeyDto"][];
        };
        AsyncAcceptedDto: {
            job: components["schemas"]["JobDto"];
            job_id: string;
            /** @enum {string} */
            status: "queued";
        };
        AuditEntryDto: {
            /** @example job.cancelled */
            action: string;
            /** @description user_id of who did it */
            actor: string | null;
            /** Format: date-time */
            at: string;
            audit_id: string;
            detail: {
                [key: string]: unknown;
            };
            ip: string | null;
            target: string | null;
        };
        AuditListDto: {
            audit: components["schemas"]["AuditEntryDto"][];
            next_cursor: string | null;
        };
        BulkJobsFilter: {
            created_after?: string;
            created_before?: string;
            parent_id?: string;
            q?: string;
            /** @description Statuses (array or comma list) */
            status?: ("queued" | "running" | "completed" | "failed" | "cancelled")[];
            /** @description Job types (array or comma list) */
            type?: ("analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook")[];
        };
        BulkJobsRequest: {
            /** @enum {string} */
            action: "cancel" | "retry" | "delete";
            /** @description Acts on every job that GET /api/jobs would list with these filters */
            filter?: components["schemas"]["BulkJobsFilter"];
            /** @description Up to 1000 job ids */
            job_ids?: string[];
        };
        BulkResultDto: {
            /** @description Jobs the action changed */
            changed: number;
            /** @description Jobs the request named or matched (and the caller may see) */
            matched: number;
            /** @description Jobs left as they were (not eligible, or changed meanwhile) */
            skipped: number;
        };
        CallbackSecretDto: {
            /** Format: date-time */
            created_at: string;
            /**
             * @description Signs this user's callback_url deliveries (Standard Webhooks)
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        ComprehensiveSyncResponseDto: {
            job_id: string;
            presets: components["schemas"]["PresetDto"][];
            /** @description Output per analyzer name */
            results: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
        };
        CreateApiKeyBody: {
            /** Format: date-time */
            expires_at?: string;
            /** @example CI pipeline */
            name: string;
            /**
             * @description At most the creator's role (default: the creator's)
             * @enum {string}
             */
            role?: "member" | "operator" | "admin";
        };
        CreateUserBody: {
            /** @example grace@example.com */
            email: string;
            name?: string;
            password: string;
            /** @enum {string} */
            role: "member" | "operator" | "admin";
        };
        CreateWebhookBody: {
            /**
             * @description What it is for, for people
             * @example CRM sync
             */
            description?: string;
            /**
             * @description The job events to receive
             * @example [
             *       "job.completed",
             *       "job.failed"
             *     ]
             */
            events: ("job.completed" | "job.failed" | "job.cancelled")[];
            /**
             * @description Where deliveries are POSTed: http(s), a public address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true; redirects are not followed
             * @example https://hooks.example.com/atelier
             */
            url: string;
        };
        CreatedApiKeyDto: {
            api_key_id: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /**
             * @description The key itself, shown in this answer only; send it as "Authorization: Bearer <key>"
             * @example atelier_3kq9…
             */
            key: string;
            /** Format: date-time */
            last_used_at: string | null;
            /** @example CI pipeline */
            name: string;
            /**
             * @description The first characters of the key, to recognise it in a list
             * @example atelier_3kq9
             */
            prefix: string;
            /** @enum {string} */
            role: "member" | "operator" | "admin";
            /** @description The user it acts as */
            user_id: string;
        };
        DismissRequest: {
            /** @description Jobs to hide from the task panel of every tab of this user (1–500) */
            job_ids: string[];
        };
        DismissResultDto: {
            /** @description Jobs now dismissed (ids of jobs the user cannot see are ignored) */
            dismissed: number;
        };
        GenerateImageBody: {
            /** @description Extra instructions appended to the prompt built from the preset */
            prompt?: string;
        };
        JobDto: {
            attempts: number;
            child_ids: string[];
            /** Format: date-time */
            created_at: string;
            current_step: number;
            depends_on: string[];
            error: components["schemas"]["JobErrorDto"] | null;
            /** Format: date-time */
            finished_at: string | null;
            /**
             * @example {
             *       "analyzer": "hair-color",
             *       "image_id": "…"
             *     }
             */
            input: {
                [key: string]: unknown;
            };
            /** @example 0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f70 */
            job_id: string;
            max_attempts: number;
            metadata: {
                [key: string]: unknown;
            };
            owner: string | null;
            parent_id: string | null;
            priority: number;
            progress: number;
            result: {
                [key: string]: unknown;
            } | null;
            /**
             * Format: date-time
             * @description Earliest start of a delayed or backed-off job
             */
            run_at?: string | null;
            /** Format: date-time */
            started_at: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "cancelled";
            step_label: string | null;
            /** @example Hair color analysis */
            title: string;
            total_steps: number;
            /** @enum {string} */
            type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
            /** Format: date-time */
            updated_at: string;
            /** @description The process that runs the job now (while running) or last ran it; null before its first start */
            worker_id?: string | null;
        };
        JobErrorDto: {
            /** @example upstream_error */
            code: string;
            message: string;
            retryable: boolean;
        };
        JobListDto: {
            jobs: components["schemas"]["JobDto"][];
            next_cursor: string | null;
        };
        JobTimelineDto: {
            events: components["schemas"]["JobTimelineEntryDto"][];
        };
        JobTimelineEntryDto: {
            /** @description The user who caused it, or null for the engine */
            actor: string | null;
            at: string;
            /** @description The attempt it belongs to (0 before the first start) */
            attempt: number;
            /**
             * @example {
             *       "worker_id": "…"
             *     }
             */
            detail: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            kind: "created" | "started" | "step" | "attempt_failed" | "interrupted" | "requeued" | "retried" | "cancelled" | "completed" | "failed";
        };
        LoginBody: {
            /** @example ada@example.com */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        LoginResponseDto: {
            user: components["schemas"]["UserDto"];
        };
        PercentilesDto: {
            p50: number | null;
            p95: number | null;
        };
        PresetDto: {
            /**
             * @description The analyzer that made it
             * @example hair-color
             */
            category: string;
            /** Format: date-time */
            created_at: string;
            /** @description The analyzer's structured output */
            data: {
                [key: string]: unknown;
            };
            job_id: string | null;
            /** @example gpt-4.1-mini */
            model: string;
            /** @example Copper balayage */
            name: string;
            /** @description The user who made it */
            owner: string | null;
            /** @example 0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f70 */
            preset_id: string;
            /**
             * @description "offline" when computed from pixel statistics without a model
             * @example openai
             */
            provider: string;
            /** @description sha256 of the analysed image */
            source_image_id: string | null;
        };
        PresetListDto: {
            next_cursor: string | null;
            presets: components["schemas"]["PresetDto"][];
        };
        ProblemDto: {
            /** @example not_found */
            code?: string;
            /** @example No job with id "…". */
            detail: string;
            errors?: components["schemas"]["ProblemFieldErrorDto"][];
            /** @example /api/jobs/… */
            instance: string;
            /** @example 404 */
            status: number;
            /** @example Not Found */
            title: string;
            /** @example https://atelier.dev/problems/not-found */
            type: string;
        };
        ProblemFieldErrorDto: {
            field: string;
            message: string;
        };
        QueueInfoDto: {
            /**
             * Format: date-time
             * @description When the queue was last paused or resumed
             */
            changed_at: string | null;
            /** @description The user who last paused or resumed it */
            changed_by: string | null;
            /** @description Jobs of this type one worker process runs at once */
            concurrency: number;
            /** @description While paused, jobs of this type stay queued on every node (running ones finish) */
            paused: boolean;
            /** @description Queued jobs of this type (a member: its own) */
            queued: number;
            /** @description Running jobs of this type (a member: its own) */
            running: number;
            /** @enum {string} */
            type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
        };
        QueueListDto: {
            /** @description One per job type */
            queues: components["schemas"]["QueueInfoDto"][];
        };
        RenamePresetBody: {
            /**
             * @description Trimmed; no control or invisible formatting characters
             * @example Copper balayage
             */
            name: string;
        };
        RunningJobDto: {
            job_id: string;
            /** Format: date-time */
            started_at: string | null;
            title: string;
            /** @enum {string} */
            type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
        };
        SetupBody: {
            /** @example admin@example.com */
            email: string;
            name?: string;
            password: string;
            /** @description The one-time setup token the server logged at its first start */
            token: string;
        };
        SetupStatusDto: {
            /** @description Whether the first admin still has to be created */
            needed: boolean;
            /** @description Whether "Sign in with SSO" is offered */
            sso?: boolean;
        };
        StatsSummaryDto: {
            /** @description Every status, 0 when none */
            by_status: components["schemas"]["StatusCountsDto"];
            /** @description Per job type (analyze, comprehensive_analyze, generate_image, generate_thumbnail, batch, deliver_webhook): the counts by status */
            by_type: {
                [key: string]: components["schemas"]["StatusCountsDto"];
            };
            /**
             * Format: date-time
             * @description Creation time of the oldest queued job
             */
            oldest_queued_at: string | null;
        };
        StatusCountsDto: {
            cancelled: number;
            completed: number;
            failed: number;
            queued: number;
            running: number;
        };
        TaskPanelDto: {
            jobs: components["schemas"]["JobDto"][];
            paused_types: ("analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook")[];
            /** @description How long completed and cancelled jobs stay in the panel */
            recent_seconds: number;
        };
        TimeseriesDto: {
            /** @enum {string} */
            bucket: "1m" | "5m" | "1h" | "1d";
            /**
             * Format: date-time
             * @description Start of the first bucket
             */
            from: string;
            /** @description One per bucket, oldest first, empty buckets included */
            points: components["schemas"]["TimeseriesPointDto"][];
            /**
             * Format: date-time
             * @description End of the series, exclusive
             */
            to: string;
            /** @enum {string|null} */
            type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook" | null;
        };
        TimeseriesPointDto: {
            /**
             * Format: date-time
             * @description Start of the bucket
             */
            at: string;
            cancelled: number;
            /** @description Jobs that completed in the bucket */
            completed: number;
            /** @description Jobs created in the bucket */
            created: number;
            failed: number;
            /** @description Started → finished of the jobs that finished in the bucket (null: none) */
            run_ms: components["schemas"]["PercentilesDto"];
            /** @description Created → started of the jobs that started in the bucket (null: none) */
            wait_ms: components["schemas"]["PercentilesDto"];
        };
        UpdateUserBody: {
            disabled?: boolean;
            name?: string;
            password?: string;
            /** @enum {string} */
            role?: "member" | "operator" | "admin";
        };
        UpdateWebhookBody: {
            description?: string | null;
            /** @description false: no new deliveries (pending ones stop at their next attempt); the log is kept */
            enabled?: boolean;
            events?: ("job.completed" | "job.failed" | "job.cancelled")[];
            /** @description Where deliveries are POSTed: http(s), a public address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true; redirects are not followed */
            url?: string;
        };
        UploadLimitsDto: {
            /**
             * @description Largest accepted image, width × height (MAX_IMAGE_PIXELS)
             * @example 40000000
             */
            max_pixels: number;
            /**
             * @description Largest accepted upload in bytes (MAX_UPLOAD_BYTES)
             * @example 20971520
             */
            max_upload_bytes: number;
        };
        UserDto: {
            /** Format: date-time */
            created_at: string;
            disabled: boolean;
            /** @example ada@example.com */
            email: string;
            /** @example Ada */
            name: string;
            /** @enum {string} */
            role: "member" | "operator" | "admin";
            /** @example 0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71 */
            user_id: string;
        };
        UserListDto: {
            users: components["schemas"]["UserDto"][];
        };
        WebhookDeliveryDto: {
            /** @description Attempts made so far, over every attempt series */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** @description Also the webhook-id header of every attempt */
            delivery_id: string;
            /** @description The deliver_webhook job of the current attempt series */
            delivery_job_id: string | null;
            /** @enum {string} */
            event: "job.completed" | "job.failed" | "job.cancelled";
            job_id: string;
            /** @example The receiver answered 503 */
            last_error: string | null;
            /** @example 84 */
            latency_ms: number | null;
            /** Format: date-time */
            next_attempt_at: string | null;
            /**
             * @description HTTP status of the last attempt
             * @example 200
             */
            response_code: number | null;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            /** @description The webhook, or "callback" for a request's callback_url */
            webhook_id: string;
        };
        WebhookDeliveryListDto: {
            deliveries: components["schemas"]["WebhookDeliveryDto"][];
            next_cursor: string | null;
        };
        WebhookDto: {
            /** Format: date-time */
            created_at: string;
            /** @example CRM sync */
            description: string | null;
            enabled: boolean;
            /**
             * @example [
             *       "job.completed",
             *       "job.failed"
             *     ]
             */
            events: ("job.completed" | "job.failed" | "job.cancelled")[];
            /** @description user_id of who made it: it receives the events of the jobs this user may see */
            owner: string;
            /** Format: date-time */
            updated_at: string;
            /** @example https://hooks.example.com/atelier */
            url: string;
            /** @example 0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71 */
            webhook_id: string;
        };
        WebhookListDto: {
            next_cursor: string | null;
            webhooks: components["schemas"]["WebhookDto"][];
        };
        WebhookWithSecretDto: {
            /** Format: date-time */
            created_at: string;
            /** @example CRM sync */
            description: string | null;
            enabled: boolean;
            /**
             * @example [
             *       "job.completed",
             *       "job.failed"
             *     ]
             */
            events: ("job.completed" | "job.failed" | "job.cancelled")[];
            /** @description user_id of who made it: it receives the events of the jobs this user may see */
            owner: string;
            /**
             * @description Signing secret (Standard Webhooks), shown in this answer only
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /** Format: date-time */
            updated_at: string;
            /** @example https://hooks.example.com/atelier */
            url: string;
            /** @example 0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71 */
            webhook_id: string;
        };
        WorkerInfoDto: {
            /** @description Jobs it runs at once at most */
            concurrency: number;
            host: string;
            /**
             * Format: date-time
             * @description Its latest heartbeat
             */
            last_seen_at: string;
            pid: number;
            /**
             * @description embedded (the API process runs jobs), api (a distributed API node with RUN_WORKERS) or worker
             * @example embedded
             */
            role: string;
            /** @description Jobs it runs now */
            running: number;
            /** @description What it runs now */
            running_jobs: components["schemas"]["RunningJobDto"][];
            /** Format: date-time */
            started_at: string;
            version: string;
            worker_id: string;
        };
        WorkerListDto: {
            workers: components["schemas"]["WorkerInfoDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAnalyzers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyzerListDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    analyzeComprehensive: {
        parameters: {
            query?: {
                /** @description true: answer 202 at once with the job; false: wait for the result */
                async_mode?: boolean;
            };
            header?: {
                /** @description 1–255 printable characters (e.g. a UUID). The same key and request within 24 h (IDEMPOTENCY_TTL_MS) answer the first answer again, with Idempotent-Replayed: true, and create nothing. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * @description Comma list of analyzer names (default: all of them)
                     * @example hair-color,makeup
                     */
                    analyzers?: string;
                    /**
                     * Format: uri
                     * @description http(s) URL that receives this job's final event (job.completed, job.failed or job.cancelled) once, signed per Standard Webhooks with your callback signing secret (GET /api/webhooks/callback-secret); refused (400) on a private address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true
                     */
                    callback_url?: string;
                    /**
                     * Format: binary
                     * @description JPEG, PNG, WebP or GIF (checked by content), within MAX_UPLOAD_BYTES and MAX_IMAGE_PIXELS
                     */
                    image: Blob;
                    /** @description Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters */
                    preset_name?: string;
                    /**
                     * @description Integer -10…10, default 0: queued jobs with a higher priority run first
                     * @default 0
                     */
                    priority?: number;
                };
            };
        };
        responses: {
            /** @description async_mode=false: every selected analysis completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComprehensiveSyncResponseDto"];
                };
            };
            /** @description async_mode=true: the parent job, queued; Location: /api/jobs/{job_id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AsyncAcceptedDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Upload too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used on a different request (code idempotency_mismatch) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error (logged) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The model provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description This server is shutting down (code shutting_down); Retry-After says when to send the request again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    analyzeImage: {
        parameters: {
            query?: {
                /** @description true: answer 202 at once with the job; false: wait for the result */
                async_mode?: boolean;
            };
            header?: {
                /** @description 1–255 printable characters (e.g. a UUID). The same key and request within 24 h (IDEMPOTENCY_TTL_MS) answer the first answer again, with Idempotent-Replayed: true, and create nothing. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description Analyzer name, see GET /api/analyzers */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: uri
                     * @description http(s) URL that receives this job's final event (job.completed, job.failed or job.cancelled) once, signed per Standard Webhooks with your callback signing secret (GET /api/webhooks/callback-secret); refused (400) on a private address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true
                     */
                    callback_url?: string;
                    /**
                     * Format: binary
                     * @description JPEG, PNG, WebP or GIF (checked by content), within MAX_UPLOAD_BYTES and MAX_IMAGE_PIXELS
                     */
                    image: Blob;
                    /** @description Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters */
                    preset_name?: string;
                    /**
                     * @description Integer -10…10, default 0: queued jobs with a higher priority run first
                     * @default 0
                     */
                    priority?: number;
                };
            };
        };
        responses: {
            /** @description async_mode=false: the analysis completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyzeSyncResponseDto"];
                };
            };
            /** @description async_mode=true: the job, queued; Location: /api/jobs/{job_id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AsyncAcceptedDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Upload too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used on a different request (code idempotency_mismatch) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error (logged) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The model provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description This server is shutting down (code shutting_down); Retry-After says when to send the request again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description Page size, clamped to 1–200 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only entries of this user id */
                actor?: string;
                /** @description Only this action, e.g. auth.login_failed */
                action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditListDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginBody"];
            };
        };
        responses: {
            /** @description Signed in; Set-Cookie: atelier_session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the session cookie is cleared */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    finishSsoLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To return_to with the session cookie (or to /login?error=<code> for a browser) */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    startSsoLogin: {
        parameters: {
            query?: {
                /** @description Path on this site to open after signing in (default /) */
                return_to?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the issuer (or to /login?error=<code> for a browser) */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getSetupStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetupStatusDto"];
                };
            };
        };
    };
    createFirstAdmin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetupBody"];
            };
        };
        responses: {
            /** @description The first admin, signed in; Set-Cookie: atelier_session */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable characters (e.g. a UUID). The same key and request within 24 h (IDEMPOTENCY_TTL_MS) answer the first answer again, with Idempotent-Replayed: true, and create nothing. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * @description Comma list of analyzer names run on every image (default: all of them). One analyzer makes each image an analyze job; more, a comprehensive_analyze job with one analyze child per analyzer.
                     * @example hair-color,makeup
                     */
                    analyzers?: string;
                    /**
                     * Format: uri
                     * @description http(s) URL that receives this job's final event (job.completed, job.failed or job.cancelled) once, signed per Standard Webhooks with your callback signing secret (GET /api/webhooks/callback-secret); refused (400) on a private address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true
                     */
                    callback_url?: string;
                    /** @description The images, one file each (default limit 500: BATCH_MAX_FILES; BATCH_MAX_BYTES in all) */
                    images: Blob[];
                    /** @description Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters */
                    preset_name?: string;
                    /**
                     * @description Integer -10…10, default 0: queued jobs with a higher priority run first
                     * @default 0
                     */
                    priority?: number;
                };
            };
        };
        responses: {
            /** @description The batch job, queued, with its children; Location: /api/jobs/{job_id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AsyncAcceptedDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Upload too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used on a different request (code idempotency_mismatch) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description This server is shutting down (code shutting_down); Retry-After says when to send the request again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: {
                                detail?: string;
                                /** @enum {string} */
                                status: "ok" | "error";
                            };
                        };
                        /** @enum {string} */
                        mode: "embedded" | "distributed";
                        /** @enum {string} */
                        status: "ok" | "error" | "draining";
                    };
                };
            };
            /** @description A check failed (named in checks), or the process is shutting down ("draining") */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: {
                                detail?: string;
                                /** @enum {string} */
                                status: "ok" | "error";
                            };
                        };
                        /** @enum {string} */
                        mode: "embedded" | "distributed";
                        /** @enum {string} */
                        status: "ok" | "error" | "draining";
                    };
                };
            };
        };
    };
    getImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description sha256 (hex) of the original image */
                image_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/gif": Blob;
                    "image/jpeg": Blob;
                    "image/png": Blob;
                    "image/webp": Blob;
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getImageThumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description sha256 (hex) of the original image */
                image_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thumbnail */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": Blob;
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Page size, clamped to 1–200 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Comma list of statuses */
                status?: string;
                /** @description Comma list of job types */
                type?: string;
                /** @description Only the children of this parent job */
                parent_id?: string;
                /** @description Search: a job id prefix, or words of the title, preset name or original file name (case-insensitive) */
                q?: string;
                /** @description Only jobs created at or after this instant (ISO 8601) */
                created_after?: string;
                /** @description Only jobs created before this instant (ISO 8601) */
                created_before?: string;
                /** @description Order: newest first (default) or oldest first */
                sort?: "-created_at" | "created_at";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobListDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    bulkJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkJobsRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResultDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    streamJobs: {
        parameters: {
            query?: {
                /** @description Only this job and its children */
                job_id?: string;
                /** @description Comma list of statuses */
                status?: string;
                /** @description Resume after this event id, like the Last-Event-ID header (for clients that cannot set headers); the header wins when both are sent */
                last_event_id?: string;
            };
            header?: {
                /** @description Resume after this event id */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream: `id:`, `event:` (snapshot, job.created, job.updated, job.completed, job.failed, job.cancelled, job.deleted, queue.paused, queue.resumed, panel.dismissed) and `data:` one JSON object */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 41
                     *     event: snapshot
                     *     data: {"jobs":[]}
                     *
                     *     id: 42
                     *     event: job.updated
                     *     data: {"job_id":"0193…","status":"running","progress":0.4}
                     *
                     *     : ping
                     */
                    "text/event-stream": string;
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, now cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getJobEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobTimelineDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, queued again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listPresets: {
        parameters: {
            query?: {
                /** @description Page size, clamped to 1–200 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only presets of this category (the analyzer name) */
                category?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresetListDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getPreset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresetDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deletePreset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    renamePreset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenamePresetBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresetDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    generateImageFromPreset: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable characters (e.g. a UUID). The same key and request within 24 h (IDEMPOTENCY_TTL_MS) answer the first answer again, with Idempotent-Replayed: true, and create nothing. */
                "Idempotency-Key"?: string;
            };
            path: {
                preset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateImageBody"];
            };
        };
        responses: {
            /** @description The job, queued; Location: /api/jobs/{job_id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AsyncAcceptedDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used on a different request (code idempotency_mismatch) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description This server is shutting down (code shutting_down); Retry-After says when to send the request again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueListDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    pauseQueue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job type whose queue it is */
                type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue, now paused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueInfoDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    resumeQueue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job type whose queue it is */
                type: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue, now running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueInfoDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getStatsSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsSummaryDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getStatsTimeseries: {
        parameters: {
            query?: {
                /** @description Start (ISO-8601, UTC); the first point is the start of its bucket. Default: to − 24 h */
                from?: string;
                /** @description End, exclusive (ISO-8601, UTC). Default: now */
                to?: string;
                /** @description Bucket size. Default: the finest that gives at most 200 points (1h for 24 h); at most 2000 points are served */
                bucket?: "1m" | "5m" | "1h" | "1d";
                /** @description Only jobs of this type */
                type?: "analyze" | "comprehensive_analyze" | "generate_image" | "generate_thumbnail" | "batch" | "deliver_webhook";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeseriesDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTaskPanel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPanelDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    dismissTaskPanelJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DismissRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DismissResultDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Page size, clamped to 1–200 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookListDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecretDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getCallbackSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackSecretDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    rotateCallbackSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackSecretDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size, clamped to 1–200 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryListDto"];
                };
            };
            /** @description Invalid input (problem+json lists the fields) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecretDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listWorkers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerListDto"];
                };
            };
            /** @description No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated") */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The principal's role is too low (code "forbidden"), or a cookie request from another origin (code "csrf") */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded") */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
