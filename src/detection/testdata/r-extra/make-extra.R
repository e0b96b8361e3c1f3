# Extra reference outputs of R 'surveillance' (1.20.3) for options the shared fixtures do not use
# (populationOffset, powertrans none and 1/2, reweight/trend off, noPeriods 3/4/10 incl. monthly
# data where blocks() meets empty blocks, other EARS baselines, CUSUM k/h). Same format and code
# as shared/fixtures/surveillance/make-fixtures.R; only the configurations differ.
# Made with: Rscript make-extra.R OUTDIR rotaBB meningo.age salmonella.agona hepatitisA shadar
# (a subset of the outputs is kept here).
suppressMessages({library(surveillance); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
outdir <- args[1]; datasets <- args[-1]
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

load_sts <- function(nm) {
  e <- new.env(); data(list = nm, envir = e); x <- get(nm, envir = e)
  if (is(x, "disProg")) x <- disProg2sts(x)
  obs <- observed(x); pop <- population(x)
  colnames(obs) <- if (is.null(colnames(obs))) paste0("s", seq_len(ncol(obs))) else colnames(obs)
  # index-based time axis: reference periods are found by frequency arithmetic, not calendar dates
  sts(observed = obs, population = pop, freq = x@freq, start = x@start)
}

configs <- list(
  `f-popoffset` = list(method = "farrington-flexible", params = list(b = 5, w = 3, reweight = TRUE, weightsThreshold = 1, alpha = 0.05, trend = TRUE, pThresholdTrend = 0.05, limit54 = c(5, 4), powertrans = "2/3", populationOffset = TRUE, noPeriods = 1, pastWeeksNotIncluded = 3, thresholdMethod = "delta")),
  `f-none-plain` = list(method = "farrington-flexible", params = list(b = 4, w = 2, reweight = FALSE, weightsThreshold = 1, alpha = 0.01, trend = FALSE, pThresholdTrend = 0.05, limit54 = c(2, 3), powertrans = "none", populationOffset = FALSE, noPeriods = 1, pastWeeksNotIncluded = 2, thresholdMethod = "delta")),
  `f-half-np4` = list(method = "farrington-flexible", params = list(b = 3, w = 3, reweight = TRUE, weightsThreshold = 2.58, alpha = 0.1, trend = TRUE, pThresholdTrend = 0.2, limit54 = c(0, 1), powertrans = "1/2", populationOffset = FALSE, noPeriods = 4, pastWeeksNotIncluded = 3, thresholdMethod = "delta")),
  `f-nb-np10` = list(method = "farrington-flexible", params = list(b = 4, w = 2, reweight = TRUE, weightsThreshold = 2.58, alpha = 0.05, trend = TRUE, pThresholdTrend = 0.05, limit54 = c(1, 4), powertrans = "2/3", populationOffset = FALSE, noPeriods = 10, pastWeeksNotIncluded = 10, thresholdMethod = "nbPlugin")),
  `f-muan-norw` = list(method = "farrington-flexible", params = list(b = 5, w = 1, reweight = FALSE, weightsThreshold = 2.58, alpha = 0.05, trend = TRUE, pThresholdTrend = 0.5, limit54 = c(0, 4), powertrans = "2/3", populationOffset = TRUE, noPeriods = 3, pastWeeksNotIncluded = 5, thresholdMethod = "muan")),
  `ears-c3-b10` = list(method = "ears", params = list(variant = "C3", baseline = 10, minSigma = 0.3, alpha = 0.05)),
  `ears-c1-b3` = list(method = "ears", params = list(variant = "C1", baseline = 3, minSigma = 0, alpha = 0.01)),
  `cusum-anscombe-k1` = list(method = "cusum", params = list(k = 1, h = 3, trans = "anscombe"))
)

na2null <- function(v) { v <- as.list(as.numeric(v)); lapply(v, function(z) if (is.na(z)) NULL else z) }
lgl2null <- function(v) lapply(as.list(as.logical(v)), function(z) if (is.na(z)) NULL else z)

for (nm in datasets) {
  x <- load_sts(nm); n <- nrow(x); f <- x@freq
  for (cn in names(configs)) {
    cfg <- configs[[cn]]; p <- cfg$params
    first <- switch(cfg$method,
      `farrington-flexible` = max(f * p$b + p$w + 1, n - 2 * f + 1),
      ears = switch(p$variant, C1 = p$baseline + 1, C2 = p$baseline + 3, C3 = p$baseline + 5),
      cusum = max(2, n - 2 * f + 1))
    if (first > n) { cat(nm, cn, "skipped: too short\n"); next }
    rng <- first:n
    t0 <- proc.time()[["elapsed"]]
    res <- tryCatch({
      if (cfg$method == "farrington-flexible") {
        ctrl <- c(p, list(range = rng, fitFun = "algo.farrington.fitGLM.flexible", glmWarnings = FALSE))
        r <- suppressWarnings(farringtonFlexible(x, control = ctrl))
        list(upper = upperbound(r), alarm = alarms(r), expected = r@control$expected)
      } else if (cfg$method == "ears") {
        r <- earsC(x, control = list(range = rng, method = p$variant, baseline = p$baseline, minSigma = p$minSigma, alpha = p$alpha))
        list(upper = upperbound(r), alarm = alarms(r), expected = NULL)
      } else {
        r <- cusum(x, control = list(range = rng, k = p$k, h = p$h, m = NULL, trans = p$trans))
        list(upper = upperbound(r), alarm = alarms(r), expected = NULL)
      }
    }, error = function(e) { cat(nm, cn, "error:", conditionMessage(e), "\n"); NULL })
    secs <- proc.time()[["elapsed"]] - t0
    if (is.null(res)) next
    series <- lapply(seq_len(ncol(x)), function(j) {
      s <- list(id = colnames(observed(x))[j], counts = as.numeric(observed(x)[, j]),
                upperbound = na2null(res$upper[, j]), alarm = lgl2null(res$alarm[, j]))
      pp <- population(x)[, j]
      if (!all(pp == 1)) s$population <- as.numeric(pp)
      if (!is.null(res$expected)) s$expected <- na2null(res$expected[, j])
      s
    })
    out <- list(dataset = nm, source = sprintf("R package surveillance %s, data(%s)", packageVersion("surveillance"), nm),
                configuration = cn, frequency = f, method = cfg$method, params = p,
                rangeStart = first - 1, rangeEnd = n - 1, referenceSeconds = secs, series = series)
    write_json(out, file.path(outdir, sprintf("%s.%s.json", nm, cn)), auto_unbox = TRUE, digits = NA, null = "null", na = "null")
    cat(sprintf("%s %s: %d series x %d points in %.2fs\n", nm, cn, ncol(x), length(rng), secs))
  }
}
