// placeholder __BUILD__
