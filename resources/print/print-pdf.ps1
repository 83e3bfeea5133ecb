# Prints a PDF on a Windows printer with what Windows itself has: the PDF engine of Windows 10/11
# (Windows.Data.Pdf) draws each page at 300 dpi, and System.Drawing.Printing sends the pages to the
# spooler. No PDF reader needs to be installed. Called by the AMMS station (src-main/print/
# spooler-windows.ts):
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File print-pdf.ps1 `
#     -Path C:\...\doc.pdf -Printer "Gate printer" -Copies 1 -Title "GP-NBO-0042" -Media A4
# docs/adr/0014-printing-through-the-spooler.md
param(
  [Parameter(Mandatory = $true)][string]$Path,
  [Parameter(Mandatory = $true)][string]$Printer,
  [ValidateRange(1, 99)][int]$Copies = 1,
  [string]$Title = 'AMMS document',
  [ValidateSet('A4', 'A5')][string]$Media = 'A4'
)
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Runtime.WindowsRuntime
Add-Type -AssemblyName System.Drawing
$null = [Windows.Storage.StorageFile, Windows.Storage, ContentType = WindowsRuntime]
$null = [Windows.Data.Pdf.PdfDocument, Windows.Data.Pdf, ContentType = WindowsRuntime]
$null = [Windows.Storage.Streams.InMemoryRandomAccessStream, Windows.Storage.Streams, ContentType = WindowsRuntime]

# WinRT's async operations, awaited from PowerShell through .NET tasks.
$extensions = [System.WindowsRuntimeSystemExtensions].GetMethods()
$asTaskOf = $extensions | Where-Object {
  $_.Name -eq 'AsTask' -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncOperation`1'
} | Select-Object -First 1
$asTaskAction = $extensions | Where-Object {
  $_.Name -eq 'AsTask' -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncAction'
} | Select-Object -First 1
function Wait-Operation($operation, [Type]$resultType) {
  $task = $asTaskOf.MakeGenericMethod($resultType).Invoke($null, @($operation))
  $task.Wait() | Out-Null
  return $task.Result
}
function Wait-Action($action) {
  $task = $asTaskAction.Invoke($null, @($action))
  $task.Wait() | Out-Null
}

$full = (Resolve-Path -LiteralPath $Path).Path
$file = Wait-Operation ([Windows.Storage.StorageFile]::GetFileFromPathAsync($full)) ([Windows.Storage.StorageFile])
$pdf = Wait-Operation ([Windows.Data.Pdf.PdfDocument]::LoadFromFileAsync($file)) ([Windows.Data.Pdf.PdfDocument])

$document = New-Object System.Drawing.Printing.PrintDocument
$document.DocumentName = $Title
$document.PrinterSettings.PrinterName = $Printer
if (-not $document.PrinterSettings.IsValid) { throw "There is no printer named '$Printer' on this computer." }
$document.PrinterSettings.Copies = [int16]$Copies
$paper = $document.PrinterSettings.PaperSizes | Where-Object { $_.Kind -eq [System.Drawing.Printing.PaperKind]::$Media } | Select-Object -First 1
if ($paper) { $document.DefaultPageSettings.PaperSize = $paper }

$dpi = 300
$script:nextPage = 0
$document.add_PrintPage({
    param($sender, $e)
    $page = $pdf.GetPage([uint32]$script:nextPage)
    $options = New-Object Windows.Data.Pdf.PdfPageRenderOptions
    # Page sizes are in device-independent pixels (1/96 inch).
    $options.DestinationWidth = [uint32][math]::Round($page.Size.Width / 96 * $dpi)
    $options.DestinationHeight = [uint32][math]::Round($page.Size.Height / 96 * $dpi)
    $stream = New-Object Windows.Storage.Streams.InMemoryRandomAccessStream
    Wait-Action ($page.RenderToStreamAsync($stream, $options))
    $net = [System.IO.WindowsRuntimeStreamExtensions]::AsStream($stream)
    $image = [System.Drawing.Image]::FromStream($net)
    # The PDF page already has its margins: draw it over the whole sheet, from the paper's edge.
    $settings = $e.PageSettings
    $e.Graphics.DrawImage($image, -$settings.HardMarginX, -$settings.HardMarginY, $e.PageBounds.Width, $e.PageBounds.Height)
    $image.Dispose()
    $net.Dispose()
    $page.Dispose()
    $script:nextPage++
    $e.HasMorePages = $script:nextPage -lt $pdf.PageCount
  })
$document.Print()
Write-Output "printed $($pdf.PageCount) page(s) of '$Title' on '$Printer'"
