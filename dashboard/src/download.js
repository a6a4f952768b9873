// Files from the api (invoice PDFs and pages, report CSVs) need the bearer token, which a plain link cannot send:
// they are fetched, then saved or opened from a blob.
import { ApiError, apiBase } from "./api.js";
import { authorizationHeader, signedOut } from "./auth.js";

async function fetchBlob(path) {
  let response;
  try {
    response = await fetch(apiBase + path, { headers: authorizationHeader() });
  } catch {
    throw new ApiError(0, { title: "Server unreachable", detail: "The api did not answer; check the connection and try again." });
  }
  if (response.status === 401) signedOut();
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.blob();
}

/** The server's file name (Content-Disposition) is not readable cross-origin in every setup: the caller names it. */
export async function saveFile(path, fileName) {
  const url = URL.createObjectURL(await fetchBlob(path));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Opens a document (a printable invoice) in a new tab. The tab is opened at once, while the click still counts as the
 * user's, and given the document when it arrives.
 */
export async function openDocument(path) {
  const tab = window.open("", "_blank");
  try {
    const url = URL.createObjectURL(await fetchBlob(path));
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
