# What the pwsh benchmark scripts share: a median, and the machine's load average (reported beside
# every run, since the machine may be shared).

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1' } else { 'unknown' }
}
